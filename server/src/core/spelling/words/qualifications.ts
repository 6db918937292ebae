/**
 * The qualification word list: words that real UK qualification specifications use and that the
 * British English dictionary does not have. Each group says where it comes from. Lines starting
 * with '#' are notes; words are separated by spaces. Keep a word here only when a real spec needs
 * it; a body's own names belong in its `words:` list.
 */
export const DOMAIN_WORDS = `
# Regulation and qualification frameworks (Ofqual's register, the RQF and QCF, every spec's front matter)
Ofqual RQF QCF Qualifi CCEA SQA SCQF Edexcel BTEC NCFE OCR ILM ISP CMI IfATE
# Apprenticeship standards (Institute for Apprenticeships: knowledge, skills and behaviours)
KSB KSBs EPA EPAO
# 'etc' before a comma, a bracket or a line end (the dictionary has only 'etc.'), as the ISP units write it
etc
# This tool's name, in the change histories of specs transcribed with it
qualspec
# Coaching and sales vocabulary of the ISP Level 5 and ILM Level 2 sales specs
coachee coachees centricity groupthink fishbone don'ts mis-selling upselling upsell cross-selling
# Management models and their authors, as the ISP Level 5 units cite them (Ansoff matrix, Kotter's
# eight steps, Tuckman's stages, Belbin's team roles, Maslow, Herzberg, Greiner's growth model, …)
Ansoff Kotter Tuckman Belbin Maslow Herzberg Greiner Hofstede Goleman Schein Stogdill Hackman Greenleaf
Edmondson Clutterbuck Chesbrough Mauborgne Sunstein Deci Kübler Pareto Kaizen Prosci
# Laws, firms and tools the ISP units name (Sarbanes-Oxley Act, Mintel market research, Miro boards)
Sarbanes Oxley Mintel Miro Avention
`;
