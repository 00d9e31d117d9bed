"""A tiny event loop used by the coroutine cases (not a case itself)."""
from collections import deque
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        yield ("sleep", self.ticks)
class Loop:
    def __init__(self):
        self.ready = deque()
        self.now = 0
        self.sleeping = []
        self.results = {}
    def spawn(self, name, coro):
        self.ready.append((name, coro, None))
    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                self.sleeping.sort(key=lambda t: (t[0], t[1]))
                wake, seq, name, coro = self.sleeping.pop(0)
                self.now = wake
                self.ready.append((name, coro, None))
                continue
            name, coro, value = self.ready.popleft()
            try:
                req = coro.send(value)
            except StopIteration as e:
                self.results[name] = e.value
                continue
            if req[0] == "sleep":
                self.sleeping.append((self.now + req[1], len(self.sleeping) + self.now * 1000, name, coro))
        return self.results
