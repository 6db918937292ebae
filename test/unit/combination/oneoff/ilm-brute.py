# One-off independent check of the ILM figures in ../seeds.test.ts: python3 ilm-brute.py
# Output when written: count 475 credit 13 17 glh 45 76 by credit [(13, 155), (14, 150), (15, 110), (16, 50), (17, 10)]
# One-off independent brute force over all 2^13 subsets of the ILM Level 2 Certificate in Sales Management pool.
from itertools import product
units = [  # ref, group, level, credit, glh
 ("8570-228",1,2,2,7),("8570-229",1,2,2,7),("8570-205",1,2,2,6),
 ("8750-213",2,2,1,6),("8750-212",2,2,1,7),("8750-207",2,2,1,6),("8750-221",2,2,1,5),("8750-216",2,2,1,5),
 ("8750-300",3,3,2,9),("8750-302",3,3,2,9),("8750-307",3,3,2,4),("8750-326",3,3,2,7),("8750-303",3,3,2,9)]
valid = []
for bits in product([0,1], repeat=len(units)):
    sel = [u for b,u in zip(bits,units) if b]
    if not all(b for b,u in zip(bits,units) if u[1]==1): continue
    c = sum(u[3] for u in sel)
    if not (13 <= c <= 36): continue
    if sum(u[3] for u in sel if u[1]==3) > 6: continue
    valid.append((c, sum(u[4] for u in sel)))
cs=[v[0] for v in valid]; gs=[v[1] for v in valid]
from collections import Counter
print("count", len(valid), "credit", min(cs), max(cs), "glh", min(gs), max(gs), "by credit", sorted(Counter(cs).items()))
