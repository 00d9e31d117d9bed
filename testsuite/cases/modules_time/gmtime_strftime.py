import time
g = time.gmtime(0)
print(g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday, g[0], len(g), type(g).__name__)
print(time.strftime("%Y-%m-%d %H:%M:%S", g), time.strftime("%a %b %d %j", time.gmtime(86400 * 365)))
print(time.gmtime(1_700_000_000)[:6], time.asctime(time.gmtime(0)))
print(time.mktime(time.localtime(1000)) == 1000.0)
