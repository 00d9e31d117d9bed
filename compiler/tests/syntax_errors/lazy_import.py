lazy import os
