import sys
fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.max_exp, fi.min_exp, fi.radix)
print(fi.max_10_exp, fi.min_10_exp, fi.rounds)
print(1.0 + fi.epsilon > 1.0, 1.0 + fi.epsilon / 2 == 1.0)
