import heapq
h = []
for x in [5, 1, 8, 3, 9, 2]: heapq.heappush(h, x)
print(h, heapq.heappop(h), heapq.nsmallest(2, [4, 1, 3]), heapq.nlargest(2, [4, 1, 3]), list(heapq.merge([1, 4], [2, 3])))
h = [9, 4, 7, 1, 8, 2]; heapq.heapify(h); print(h, heapq.heappushpop(h, 0), heapq.heapreplace(h, 10), h)
print([heapq.heappop(h) for _ in range(len(h))], heapq.nsmallest(3, "hello", key=ord))
try:
    heapq.heappop([])
except IndexError as e:
    print(e)
