"""Attributes: a small bank simulation over a dict of objects.

Stresses instance attribute loads and stores (plain classes, __slots__
classes and inherited class attributes), properties, bound-method calls,
getattr/setattr with computed names, and str-keyed dicts of objects.
"""

import sys

SIZES = {"tiny": 4_000, "small": 100_000, "default": 600_000}

ACCOUNTS = 500


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = self.state * 48271 % 2_147_483_647
        return self.state % n


class Account:
    fee = 2
    kind = "basic"

    def __init__(self, ident, owner, balance):
        self.ident = ident
        self.owner = owner
        self.balance = balance
        self.deposits = 0
        self.withdrawals = 0
        self.history_total = 0

    @property
    def worth(self):
        return self.balance - self.fee * self.withdrawals

    def deposit(self, amount):
        self.balance += amount
        self.deposits += 1
        self.history_total += amount

    def withdraw(self, amount):
        if amount + self.fee > self.balance:
            return False
        self.balance -= amount + self.fee
        self.withdrawals += 1
        self.history_total -= amount
        return True


class Savings(Account):
    fee = 5
    kind = "savings"
    rate_per_mille = 3

    def accrue(self):
        self.balance += self.balance * self.rate_per_mille // 1000


class Premium(Savings):
    fee = 0
    kind = "premium"
    rate_per_mille = 5


class Transfer:
    __slots__ = ("source", "target", "amount", "ok")

    def __init__(self, source, target, amount):
        self.source = source
        self.target = target
        self.amount = amount
        self.ok = False


class Bank:
    def __init__(self, rng):
        self.accounts = {}
        classes = (Account, Savings, Premium)
        for i in range(ACCOUNTS):
            cls = classes[rng.below(3)]
            ident = f"acc-{i:04d}"
            self.accounts[ident] = cls(ident, f"owner{i % 97}", 1000 + rng.below(5000))
        self.ids = sorted(self.accounts)
        self.log = []
        self.counters = {"deposit": 0, "withdraw": 0, "transfer": 0, "failed": 0}

    def transfer(self, source_id, target_id, amount):
        source = self.accounts[source_id]
        target = self.accounts[target_id]
        t = Transfer(source, target, amount)
        if source.withdraw(amount):
            target.deposit(amount)
            t.ok = True
            self.counters["transfer"] += 1
        else:
            self.counters["failed"] += 1
        if len(self.log) < 1000:
            self.log.append(t)
        return t.ok

    def month_end(self):
        for ident in self.ids:
            account = self.accounts[ident]
            if isinstance(account, Savings):
                account.accrue()


def simulate(steps):
    rng = Rng(99)
    bank = Bank(rng)
    ids = bank.ids
    fields = ("deposits", "withdrawals", "balance")
    probe = 0
    for step in range(steps):
        op = rng.below(10)
        ident = ids[rng.below(ACCOUNTS)]
        if op < 3:
            bank.accounts[ident].deposit(rng.below(300))
            bank.counters["deposit"] += 1
        elif op < 5:
            if bank.accounts[ident].withdraw(rng.below(400)):
                bank.counters["withdraw"] += 1
        elif op < 9:
            bank.transfer(ident, ids[rng.below(ACCOUNTS)], rng.below(500))
        else:
            account = bank.accounts[ident]
            name = fields[step % 3]
            probe += getattr(account, name)
            setattr(account, "last_probe", step)
        if step % 5000 == 4999:
            bank.month_end()
    return bank, probe


def main():
    steps = workload_size()
    bank, probe = simulate(steps)
    by_kind = {}
    worth = 0
    checksum = probe % 1_000_000_007
    for ident in bank.ids:
        account = bank.accounts[ident]
        by_kind[account.kind] = by_kind.get(account.kind, 0) + 1
        worth += account.worth
        checksum = (checksum * 31 + account.balance + account.deposits * 7
                    + account.withdrawals * 13 + getattr(account, "last_probe", 0)) % 1_000_000_007
    logged = 0
    for t in bank.log:
        if t.ok:
            logged += t.amount
    counters = bank.counters
    print("kinds: " + ", ".join(f"{k}={by_kind[k]}" for k in sorted(by_kind)))
    print(f"deposits {counters['deposit']}, withdrawals {counters['withdraw']}, "
          f"transfers {counters['transfer']}, failed {counters['failed']}")
    print(f"total worth {worth}, logged {logged}")
    print(f"checksum: {(checksum * 1_000_003 + worth + logged) % 1_000_000_007}")


main()
