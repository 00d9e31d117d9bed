import time
t = time.time()
print(type(t).__name__, t > 1_600_000_000, type(time.time_ns()).__name__, type(time.monotonic()).__name__, type(time.perf_counter()).__name__, type(time.perf_counter_ns()).__name__)
a = time.monotonic()
b = time.monotonic()
print(b >= a, time.sleep(0), type(time.process_time()).__name__)
