import numpy as np
import a.b.c as abc
