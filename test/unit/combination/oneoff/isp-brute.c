/* One-off independent check of the ISP Certificate and Diploma figures in ../seeds.test.ts.
   Build and run: gcc -O3 -march=native -fopenmp isp-brute.c -o /tmp/isp-brute && /tmp/isp-brute
   (about 9 s on 2 cores). Output when written:
   certificate: count=5084459 credit=16..36 glh=80..180 tqt=160..360
   diploma: count=2667486112 credit=37..147 glh=185..735 tqt=370..1470 */
/* One-off independent brute force over all 2^32 subsets of the 32 ISP units.
   bit i = unit i in the order below (business 0-7, core 8-15, leadership 16-24, self 25-31). */
#include <stdio.h>
#include <stdint.h>
typedef struct { const char *ref; int group, level, glh, tqt, credit; } U;
static const U units[32] = {
 {"L5B1",0,5,25,50,5},{"L5B2",0,5,25,50,5},{"L5B3",0,5,15,30,3},{"L5B4",0,5,20,40,4},{"L5B5",0,5,30,60,6},
 {"L4B3",0,4,15,30,3},{"L4B5",0,4,15,30,3},{"L4B8",0,4,15,30,3},
 {"L5C1",1,5,25,50,5},{"L5C2",1,5,30,60,6},{"L5C3",1,5,30,60,6},{"L5C4",1,5,20,40,4},
 {"L4C1",1,4,20,40,4},{"L4C3",1,4,15,30,3},{"L4C7",1,4,15,30,3},{"L4C8",1,4,15,30,3},
 {"L5L1",2,5,40,80,8},{"L5L2",2,5,30,60,6},{"L5L3",2,5,25,50,5},{"L5L4",2,5,30,60,6},{"L5L5",2,5,15,30,3},
 {"L5L6",2,5,25,50,5},{"L5L7",2,5,20,40,4},{"L4L5",2,4,30,60,6},{"L6L4",2,6,40,80,8},
 {"L5S1",3,5,25,50,5},{"L5S2",3,5,20,40,4},{"L5S3",3,5,20,40,4},{"L4S2",3,4,15,30,3},{"L4S3",3,4,15,30,3},
 {"L4S6",3,4,15,30,3},{"L6S2",3,6,40,80,8}};
/* per 16-bit half: credit, high credit, glh, tqt, group credits[4] */
static uint16_t C[2][65536], H[2][65536], G[2][65536], T[2][65536], GC[2][4][65536];
int main(void) {
  uint32_t gm[4] = {0};
  for (int i = 0; i < 32; i++) gm[units[i].group] |= 1u << i;
  for (int h = 0; h < 2; h++)
    for (uint32_t m = 0; m < 65536; m++) {
      int c=0,hh=0,g=0,t=0,gc[4]={0};
      for (int b = 0; b < 16; b++) if (m >> b & 1) {
        const U *u = &units[h*16+b];
        c += u->credit; g += u->glh; t += u->tqt; gc[u->group] += u->credit;
        if (u->level >= 5) hh += u->credit;
      }
      C[h][m]=c; H[h][m]=hh; G[h][m]=g; T[h][m]=t; for (int k=0;k<4;k++) GC[h][k][m]=gc[k];
    }
  /* 0 = certificate, 1 = diploma */
  unsigned long long cnt[2] = {0,0};
  int minC[2]={1<<30,1<<30}, maxC[2]={-1,-1}, minG[2]={1<<30,1<<30}, maxG[2]={-1,-1}, minT[2]={1<<30,1<<30}, maxT[2]={-1,-1};
  uint32_t minCm[2]={0,0}, maxCm[2]={0,0};
  #pragma omp parallel for schedule(dynamic,64) reduction(+:cnt[:2]) reduction(min:minC[:2],minG[:2],minT[:2]) reduction(max:maxC[:2],maxG[:2],maxT[:2])
  for (uint32_t hi = 0; hi < 65536; hi++) {
    for (uint32_t lo = 0; lo < 65536; lo++) {
      uint32_t m = (hi << 16) | lo;
      int c = C[0][lo] + C[1][hi];
      int hc = H[0][lo] + H[1][hi];
      if (2*hc < c) continue;               /* 50% of credits at level >= 5 */
      int g = G[0][lo] + G[1][hi], t = T[0][lo] + T[1][hi];
      /* certificate */
      if (c >= 13 && c <= 36 && __builtin_popcount(m & gm[0]) >= 2 && __builtin_popcount(m & gm[1]) >= 2
          && __builtin_popcount(m & (gm[2]|gm[3])) >= 1) {
        cnt[0]++; if (c<minC[0]) minC[0]=c; if (c>maxC[0]) maxC[0]=c; if(g<minG[0])minG[0]=g; if(g>maxG[0])maxG[0]=g; if(t<minT[0])minT[0]=t; if(t>maxT[0])maxT[0]=t;
      }
      /* diploma */
      if (c >= 37) {
        int b = GC[0][0][lo]+GC[1][0][hi], co = GC[0][1][lo]+GC[1][1][hi], l = GC[0][2][lo]+GC[1][2][hi], s = GC[0][3][lo]+GC[1][3][hi];
        if (b >= 9 && co >= 12 && l >= 8 && s >= 8) {
          cnt[1]++; if (c<minC[1]) minC[1]=c; if (c>maxC[1]) maxC[1]=c; if(g<minG[1])minG[1]=g; if(g>maxG[1])maxG[1]=g; if(t<minT[1])minT[1]=t; if(t>maxT[1])maxT[1]=t;
        }
      }
    }
  }
  const char *name[2] = {"certificate","diploma"};
  for (int q = 0; q < 2; q++)
    printf("%s: count=%llu credit=%d..%d glh=%d..%d tqt=%d..%d\n", name[q], cnt[q], minC[q], maxC[q], minG[q], maxG[q], minT[q], maxT[q]);
  return 0;
}
