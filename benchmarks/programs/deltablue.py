"""DeltaBlue-style incremental constraint solver (one-way dataflow planning).

Stresses a deep class hierarchy with overridden methods, super() calls,
list manipulation and many small object allocations: constraints are added
and removed incrementally and plans are extracted and executed repeatedly.
"""

import sys

SIZES = {"tiny": 5, "small": 50, "default": 350}

CHAIN_LENGTH = 100


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Strength:
    """A constraint strength; a smaller rank is stronger."""

    def __init__(self, rank, name):
        self.rank = rank
        self.name = name

    def stronger(self, other):
        return self.rank < other.rank

    def weaker(self, other):
        return self.rank > other.rank

    def weakest_of(self, other):
        return self if self.weaker(other) else other

    def next_weaker(self):
        return STRENGTHS[self.rank + 1]


STRENGTHS = [Strength(rank, name) for rank, name in enumerate([
    "required", "strong preferred", "preferred", "strong default",
    "normal", "weak default", "weakest"])]
REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST = STRENGTHS

NONE, FORWARD, BACKWARD = 0, 1, 2


class ConstraintError(Exception):
    pass


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def add_constraint(self, constraint):
        self.constraints.append(constraint)

    def remove_constraint(self, constraint):
        self.constraints.remove(constraint)
        if self.determined_by is constraint:
            self.determined_by = None


class Constraint:
    def __init__(self, planner, strength):
        self.planner = planner
        self.strength = strength

    def add(self):
        self.add_to_graph()
        self.planner.incremental_add(self)

    def destroy(self):
        if self.is_satisfied():
            self.planner.incremental_remove(self)
        else:
            self.remove_from_graph()

    def is_input(self):
        return False

    def satisfy(self, mark):
        """Try to satisfy this constraint; return the constraint it overrode, if any."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise ConstraintError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not self.planner.add_propagate(self, mark):
            raise ConstraintError("cycle encountered")
        out.mark = mark
        return overridden


class UnaryConstraint(Constraint):
    def __init__(self, planner, variable, strength):
        super().__init__(planner, strength)
        self.my_output = variable
        self.satisfied = False
        self.add()

    def add_to_graph(self):
        self.my_output.add_constraint(self)
        self.satisfied = False

    def choose_method(self, mark):
        out = self.my_output
        self.satisfied = out.mark != mark and self.strength.stronger(out.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.my_output

    def recalculate(self):
        out = self.my_output
        out.walk_strength = self.strength
        out.stay = not self.is_input()
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def remove_from_graph(self):
        self.my_output.remove_constraint(self)
        self.satisfied = False


class StayConstraint(UnaryConstraint):
    """Keeps a variable at its current value."""

    def execute(self):
        pass


class EditConstraint(UnaryConstraint):
    """Marks a variable as set from outside (user input)."""

    def is_input(self):
        return True

    def execute(self):
        pass


class BinaryConstraint(Constraint):
    def __init__(self, planner, first, second, strength):
        super().__init__(planner, strength)
        self.v1 = first
        self.v2 = second
        self.direction = NONE
        self.add()

    def choose_method(self, mark):
        v1, v2, strength = self.v1, self.v2, self.strength
        if v1.mark == mark:
            ok = v2.mark != mark and strength.stronger(v2.walk_strength)
            self.direction = FORWARD if ok else NONE
        elif v2.mark == mark:
            ok = v1.mark != mark and strength.stronger(v1.walk_strength)
            self.direction = BACKWARD if ok else NONE
        elif v1.walk_strength.weaker(v2.walk_strength):
            self.direction = BACKWARD if strength.stronger(v1.walk_strength) else NONE
        else:
            self.direction = FORWARD if strength.stronger(v2.walk_strength) else NONE

    def add_to_graph(self):
        self.v1.add_constraint(self)
        self.v2.add_constraint(self)
        self.direction = NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.v1 if self.direction == FORWARD else self.v2

    def output(self):
        return self.v2 if self.direction == FORWARD else self.v1

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None

    def remove_from_graph(self):
        self.v1.remove_constraint(self)
        self.v2.remove_constraint(self)
        self.direction = NONE


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """dest = src * scale + offset, solvable in either direction."""

    def __init__(self, planner, source, scale, offset, dest, strength):
        self.scale = scale
        self.offset = offset
        super().__init__(planner, source, dest, strength)

    def add_to_graph(self):
        super().add_to_graph()
        self.scale.add_constraint(self)
        self.offset.add_constraint(self)

    def remove_from_graph(self):
        super().remove_from_graph()
        self.scale.remove_constraint(self)
        self.offset.remove_constraint(self)

    def mark_inputs(self, mark):
        super().mark_inputs(mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Plan:
    def __init__(self):
        self.steps = []

    def execute(self):
        for constraint in self.steps:
            constraint.execute()


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, constraint):
        mark = self.new_mark()
        overridden = constraint.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, constraint):
        out = constraint.output()
        constraint.mark_unsatisfied()
        constraint.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        strength = REQUIRED
        while True:
            for candidate in unsatisfied:
                if candidate.strength is strength:
                    self.incremental_add(candidate)
            strength = strength.next_weaker()
            if strength is WEAKEST:
                break

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = Plan()
        todo = list(sources)
        index = 0
        while index < len(todo):
            constraint = todo[index]
            index += 1
            out = constraint.output()
            if out.mark != mark and constraint.inputs_known(mark):
                plan.steps.append(constraint)
                out.mark = mark
                self.add_consumers(out, todo)
        return plan

    def extract_plan(self, constraints):
        return self.make_plan([c for c in constraints if c.is_input() and c.is_satisfied()])

    def add_propagate(self, constraint, mark):
        todo = [constraint]
        index = 0
        while index < len(todo):
            current = todo[index]
            index += 1
            if current.output().mark == mark:
                self.incremental_remove(constraint)
                return False
            current.recalculate()
            self.add_consumers(current.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        index = 0
        while index < len(todo):
            variable = todo[index]
            index += 1
            for constraint in variable.constraints:
                if not constraint.is_satisfied():
                    unsatisfied.append(constraint)
            determining = variable.determined_by
            for constraint in variable.constraints:
                if constraint is not determining and constraint.is_satisfied():
                    constraint.recalculate()
                    todo.append(constraint.output())
        return unsatisfied

    def add_consumers(self, variable, todo):
        determining = variable.determined_by
        for constraint in variable.constraints:
            if constraint is not determining and constraint.is_satisfied():
                todo.append(constraint)


def chain_test(n):
    """A chain of equalities: editing the first variable drives the last."""
    planner = Planner()
    variables = [Variable(f"v{i}") for i in range(n + 1)]
    for a, b in zip(variables, variables[1:]):
        EqualityConstraint(planner, a, b, REQUIRED)
    first, last = variables[0], variables[-1]
    StayConstraint(planner, last, STRONG_DEFAULT)
    edit = EditConstraint(planner, first, PREFERRED)
    plan = planner.extract_plan([edit])
    total = 0
    for value in range(100):
        first.value = value
        plan.execute()
        if last.value != value:
            raise ConstraintError(f"chain test failed: {last.value} != {value}")
        total += last.value
    edit.destroy()
    return total + len(plan.steps)


def change(planner, variable, new_value):
    edit = EditConstraint(planner, variable, PREFERRED)
    plan = planner.extract_plan([edit])
    for _ in range(10):
        variable.value = new_value
        plan.execute()
    edit.destroy()
    return len(plan.steps)


def projection_test(n):
    """Many scale constraints sharing one scale and offset, solved both ways."""
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    source = dest = None
    dests = []
    for i in range(n):
        source = Variable(f"src{i}", i)
        dest = Variable(f"dst{i}", i)
        dests.append(dest)
        StayConstraint(planner, source, NORMAL)
        ScaleConstraint(planner, source, scale, offset, dest, REQUIRED)
    steps = change(planner, source, 17)
    if dest.value != 1170:
        raise ConstraintError("projection 1 failed")
    steps += change(planner, dest, 1050)
    if source.value != 5:
        raise ConstraintError("projection 2 failed")
    steps += change(planner, scale, 5)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 1000:
            raise ConstraintError("projection 3 failed")
    steps += change(planner, offset, 2000)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 2000:
            raise ConstraintError("projection 4 failed")
    total = steps
    for d in dests:
        total += d.value
    return total


def main():
    rounds = workload_size()
    checksum = 0
    for _ in range(rounds):
        checksum = (checksum * 31 + chain_test(CHAIN_LENGTH)) % 1_000_000_007
        checksum = (checksum * 31 + projection_test(CHAIN_LENGTH)) % 1_000_000_007
    print(f"rounds: {rounds}, chain and projection tests passed")
    print(f"checksum: {checksum}")


main()
