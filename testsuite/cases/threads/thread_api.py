# Thread attributes, default names, repr and the RuntimeError messages.
import threading


def masked(t):
    r = repr(t)
    if t.ident is not None:
        r = r.replace(str(t.ident), "IDENT")
    return r


def target(a, b=0):
    print("target ran with", a, b, "in", threading.current_thread().name)


class Named:
    def __call__(self):
        pass


t = threading.Thread(target=target, args=(1,), kwargs={"b": 2})
print(t.name, t.ident, t.native_id, t.daemon, t.is_alive())
print(masked(t))
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.start()
t.join()
print(masked(t))
print("alive after join", t.is_alive(), "ident is int", isinstance(t.ident, int))
print("native_id is int", isinstance(t.native_id, int))
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)

print(threading.Thread().name)
print(threading.Thread(target=Named()).name)
print(threading.Thread(target=lambda: None).name)
print(threading.Thread(name="worker").name)
print(threading.Thread(name=42).name)
d = threading.Thread(target=target, args=(0,), daemon=True)
print(masked(d), d.daemon)
d.name = "renamed"
print(d.name)


class MyThread(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))
        me = threading.current_thread()
        print("run: current_thread is self", me is self, me.ident == threading.get_ident())


m = MyThread(100)
m.start()
m.join()
print("subclass result", m.result, masked(m))

# join from inside the thread itself
errors = []


def join_self():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        errors.append(str(e))


j = threading.Thread(target=join_self)
j.start()
j.join()
print("self join:", errors)

# join with timeout on a running thread
ev = threading.Event()
w = threading.Thread(target=ev.wait)
w.start()
w.join(timeout=0.05)
print("still alive after join(timeout)", w.is_alive(), masked(w))
ev.set()
w.join()
print("alive after set", w.is_alive())


class NoInit(threading.Thread):
    def __init__(self):
        pass


try:
    NoInit().start()
except RuntimeError as e:
    print("RuntimeError:", e)

main = threading.main_thread()
print(main.name, main is threading.current_thread(), masked(main))
print("main ident", main.ident == threading.get_ident())
print("get_native_id int", isinstance(threading.get_native_id(), int))
print("active_count", threading.active_count())
print("enumerate", [t.name for t in threading.enumerate()])

gate = threading.Event()
running = threading.Event()


def hold():
    running.set()
    gate.wait()


h = threading.Thread(target=hold, name="holder")
h.start()
running.wait()
print("active_count while holding", threading.active_count())
print("enumerate", sorted(t.name for t in threading.enumerate()))
gate.set()
h.join()
print("active_count after", threading.active_count())
print("TIMEOUT_MAX positive", threading.TIMEOUT_MAX > 0)
print("ThreadError", threading.ThreadError is RuntimeError)
print("stack_size", threading.stack_size())
print("settrace/setprofile", threading.settrace(None), threading.setprofile(None))
lk = threading.Lock()
print("Lock", lk.acquire(), lk.locked(), lk.acquire(False), lk.acquire(timeout=0.01))
lk.release()
print("released", lk.locked())
try:
    lk.release()
except RuntimeError as e:
    print("RuntimeError:", e)
rl = threading.RLock()
rl.acquire()
rl.acquire()
rl.release()
rl.release()
try:
    rl.release()
except RuntimeError as e:
    print("RuntimeError:", e)
