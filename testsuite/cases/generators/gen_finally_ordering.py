def g(log):
    try:
        log.append("start")
        yield 1
        log.append("after yield")
    finally:
        log.append("finally")
log = []
for v in g(log):
    log.append(("got", v))
print(log)
log = []
it = g(log)
next(it)
it.close()
print(log)
log = []
for v in g(log):
    break
import gc
gc.collect()
print(log)
