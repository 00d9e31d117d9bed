"""Ray tracer: spheres and a checkered plane with shadows and reflections.

Stresses small immutable objects with operator overloading (a Vector class
allocated by the million), virtual calls on scene objects, and float maths.
The image stays in memory; the checksum folds every quantised pixel.
"""

import math
import sys

SIZES = {"tiny": 24, "small": 80, "default": 240}

MAX_DEPTH = 3
EPSILON = 1e-6


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def times(self, other):
        """Component-wise product, used for colours."""
        return Vector(self.x * other.x, self.y * other.y, self.z * other.z)

    def reflect(self, normal):
        return self - normal * (2.0 * self.dot(normal))


BLACK = Vector(0.0, 0.0, 0.0)
WHITE = Vector(1.0, 1.0, 1.0)


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, colour, diffuse, specular, shininess_doublings, reflect):
        self.colour = colour
        self.diffuse = diffuse
        self.specular = specular
        # Specular falloff is cos^(2^k); repeated squaring avoids pow().
        self.shininess_doublings = shininess_doublings
        self.reflect = reflect

    def colour_at(self, point):
        return self.colour


class Checkerboard(Material):
    def __init__(self, other, *args):
        super().__init__(*args)
        self.other = other

    def colour_at(self, point):
        if (math.floor(point.x) + math.floor(point.z)) % 2 == 0:
            return self.colour
        return self.other


class Sphere:
    def __init__(self, centre, radius, material):
        self.centre = centre
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        """Return the nearest positive distance along the ray, or None."""
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.centre).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, colour):
        self.position = position
        self.colour = colour


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []
        self.ambient = Vector(0.08, 0.08, 0.1)
        self.background = Vector(0.2, 0.3, 0.5)

    def nearest_hit(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def in_shadow(self, point, light):
        to_light = light.position - point
        distance = to_light.length()
        ray = Ray(point, to_light * (1.0 / distance))
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest_hit(ray)
        if obj is None:
            return self.background
        point = ray.at(t)
        normal = obj.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        material = obj.material
        base = material.colour_at(point)
        colour = base.times(self.ambient)
        for light in self.lights:
            if self.in_shadow(point, light):
                continue
            to_light = (light.position - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0.0:
                colour = colour + base.times(light.colour) * (lambert * material.diffuse)
            half = (to_light - ray.direction).normalized()
            spec = normal.dot(half)
            if spec > 0.0:
                for _ in range(material.shininess_doublings):
                    spec *= spec
                colour = colour + light.colour * (spec * material.specular)
        if depth < MAX_DEPTH and material.reflect > 0.0:
            bounce = Ray(point, ray.direction.reflect(normal))
            colour = colour + self.trace(bounce, depth + 1) * material.reflect
        return colour


def build_scene():
    scene = Scene()
    shiny_red = Material(Vector(0.9, 0.2, 0.2), 0.7, 0.5, 5, 0.3)
    matte_green = Material(Vector(0.2, 0.8, 0.3), 0.9, 0.1, 3, 0.0)
    mirror = Material(Vector(0.9, 0.9, 0.95), 0.2, 0.9, 6, 0.7)
    floor = Checkerboard(Vector(0.1, 0.1, 0.1), Vector(0.95, 0.95, 0.95), 0.8, 0.0, 1, 0.2)
    scene.objects.append(Sphere(Vector(0.0, 1.0, 5.0), 1.0, shiny_red))
    scene.objects.append(Sphere(Vector(-2.2, 0.7, 6.5), 0.7, matte_green))
    scene.objects.append(Sphere(Vector(2.0, 1.5, 7.5), 1.5, mirror))
    scene.objects.append(Sphere(Vector(0.6, 0.3, 3.2), 0.3, matte_green))
    scene.objects.append(Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0), floor))
    scene.lights.append(Light(Vector(-4.0, 6.0, -1.0), Vector(0.8, 0.8, 0.8)))
    scene.lights.append(Light(Vector(5.0, 4.0, 2.0), Vector(0.4, 0.35, 0.3)))
    return scene


def render(scene, width, height):
    eye = Vector(0.0, 1.6, -1.0)
    target = Vector(0.0, 1.0, 5.0)
    forward = (target - eye).normalized()
    right = Vector(0.0, 1.0, 0.0).cross(forward).normalized()
    up = forward.cross(right)
    pixels = []
    for row in range(height):
        v = 1.0 - 2.0 * (row + 0.5) / height
        for col in range(width):
            u = 2.0 * (col + 0.5) / width - 1.0
            direction = (forward + right * (u * 0.6) + up * (v * 0.6)).normalized()
            colour = scene.trace(Ray(eye, direction), 0)
            pixels.append((quantise(colour.x), quantise(colour.y), quantise(colour.z)))
    return pixels


def quantise(c):
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0 + 0.5)


def main():
    size = workload_size()
    pixels = render(build_scene(), size, size)
    checksum = 0
    brightness = 0
    for r, g, b in pixels:
        brightness += r + g + b
        checksum = (checksum * 257 + r * 65536 + g * 256 + b) % 4_294_967_291
    print(f"{size}x{size} pixels, mean brightness {brightness / (3 * len(pixels)):.3f}")
    print(f"checksum: {checksum}")


main()
