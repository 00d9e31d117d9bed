"""Richards: Martin Richards' operating-system task scheduler simulation.

Stresses method calls, attribute access on small objects, linked lists of
packets, polymorphic dispatch over a handful of task classes and boolean
state flags. Each run must end with 23246 packets queued and 9297 holds.
"""

import sys

SIZES = {"tiny": 1, "small": 10, "default": 40}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 1, 2, 3, 4, 5, 6
KIND_DEVICE = 1000
KIND_WORK = 1001
BUFFER_SIZE = 4
IDLE_COUNT = 10_000


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Put this packet at the end of `queue` and return the queue's head."""
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    """A task control block; subclasses implement `step`."""

    def __init__(self, kernel, ident, priority, queue):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.link = kernel.task_list
        kernel.task_list = self
        kernel.table[ident] = self
        # The three flags of the original: a packet is pending, the task
        # waits for one, and the task is held.
        self.packet_pending = queue is not None
        self.waiting = False
        self.holding = False

    def blocked(self):
        return self.holding or (not self.packet_pending and self.waiting)

    def run(self):
        if self.packet_pending and self.waiting and not self.holding:
            packet = self.queue
            self.queue = packet.link
            self.packet_pending = self.queue is not None
            self.waiting = False
        else:
            packet = None
        return self.step(packet)

    def step(self, packet):
        raise NotImplementedError

    # Kernel calls made by the task bodies: each returns the next task to run.

    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.kernel.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        task = self.kernel.table[ident]
        task.holding = False
        return task if task.priority > self.priority else self

    def send(self, packet):
        target = self.kernel.table[packet.ident]
        self.kernel.queue_count += 1
        packet.link = None
        packet.ident = self.ident
        if target.queue is None:
            target.queue = packet
            target.packet_pending = True
            return target if target.priority > self.priority else self
        target.queue = packet.append_to(target.queue)
        return self


class IdleTask(Task):
    def __init__(self, kernel, ident, priority, queue, count):
        super().__init__(kernel, ident, priority, queue)
        self.control = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue)
        self.waiting = True
        self.destination = HANDLER_A
        self.count = 0

    def step(self, packet):
        if packet is None:
            return self.wait()
        self.destination = HANDLER_A if self.destination == HANDLER_B else HANDLER_B
        packet.ident = self.destination
        packet.datum = 0
        data = packet.data
        for i in range(BUFFER_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            data[i] = 64 + self.count
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue)
        self.waiting = True
        self.work_in = None
        self.device_in = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is None:
            return self.wait()
        index = work.datum
        if index >= BUFFER_SIZE:
            self.work_in = work.link
            return self.send(work)
        device = self.device_in
        if device is None:
            return self.wait()
        self.device_in = device.link
        device.datum = work.data[index]
        work.datum = index + 1
        return self.send(device)


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue)
        self.waiting = True
        self.pending = None

    def step(self, packet):
        if packet is None:
            packet = self.pending
            if packet is None:
                return self.wait()
            self.pending = None
            return self.send(packet)
        self.pending = packet
        self.kernel.output = (self.kernel.output * 33 + packet.datum) & 0xFFFFFFFF
        return self.hold()


class Kernel:
    def __init__(self):
        self.task_list = None
        self.table = [None] * 7
        self.queue_count = 0
        self.hold_count = 0
        self.output = 0

    def schedule(self):
        task = self.task_list
        while task is not None:
            if task.blocked():
                task = task.link
            else:
                task = task.run()


def run_once():
    kernel = Kernel()
    IdleTask(kernel, IDLE, 0, None, IDLE_COUNT)
    queue = Packet(Packet(None, 0, KIND_WORK), 0, KIND_WORK)
    WorkerTask(kernel, WORKER, 1000, queue)
    queue = Packet(Packet(Packet(None, DEVICE_A, KIND_DEVICE), DEVICE_A, KIND_DEVICE),
                   DEVICE_A, KIND_DEVICE)
    HandlerTask(kernel, HANDLER_A, 2000, queue)
    queue = Packet(Packet(Packet(None, DEVICE_B, KIND_DEVICE), DEVICE_B, KIND_DEVICE),
                   DEVICE_B, KIND_DEVICE)
    HandlerTask(kernel, HANDLER_B, 3000, queue)
    DeviceTask(kernel, DEVICE_A, 4000, None)
    DeviceTask(kernel, DEVICE_B, 5000, None)
    kernel.schedule()
    return kernel


def main():
    runs = workload_size()
    checksum = 0
    for _ in range(runs):
        kernel = run_once()
        if kernel.queue_count != 23246 or kernel.hold_count != 9297:
            raise RuntimeError(
                f"wrong result: {kernel.queue_count} queued, {kernel.hold_count} held")
        checksum = (checksum * 7 + kernel.output + kernel.queue_count) & 0xFFFFFFFF
    print(f"runs: {runs}, packets queued per run: 23246, holds per run: 9297")
    print(f"checksum: {checksum}")


main()
