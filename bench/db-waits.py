#!/usr/bin/env python3
"""Where a JVM waited on PostgreSQL (port 5432): reads `jfr print --events jdk.SocketRead` on stdin
and sums the reads' wall time by thread, and by thread and first io.pledge frame on the stack.
Thread numbers are folded (executor-thread-3 -> executor-thread-N). Used by bench/db-waits.sh.
Optional arguments FROM TO (HH:MM:SS, UTC, the recording's day) keep only the reads that started
between them: the first and the last minute of a long drain, say."""
import collections
import re
import sys

UNIT_MS = {'s': 1000.0, 'ms': 1.0, 'us': 0.001, 'ns': 1e-6}
by_thread = collections.defaultdict(lambda: [0, 0.0])
by_frame = collections.defaultdict(lambda: [0, 0.0])


WINDOW = sys.argv[1:3] if len(sys.argv) >= 3 else None


def count(event):
    if event is None or event.get('port') != '5432' or 'ms' not in event:
        return
    if WINDOW and not WINDOW[0] <= event.get('start', '') < WINDOW[1]:
        return
    thread, frame = event.get('thread', '?'), event.get('frame', '(no io.pledge frame within the stack depth)')
    for table, key in ((by_thread, thread), (by_frame, (thread, frame))):
        table[key][0] += 1
        table[key][1] += event['ms']


event = None
for line in sys.stdin:
    if line.startswith('jdk.SocketRead {'):
        count(event)
        event = {}
        continue
    if event is None:
        continue
    field = line.strip()
    if field.startswith('startTime = '):
        event['start'] = field[len('startTime = '):][:8]
    elif field.startswith('duration = '):
        value, unit = field[len('duration = '):].split()
        event['ms'] = float(value.replace(',', '')) * UNIT_MS[unit]
    elif field.startswith('port = '):
        event['port'] = field.split('=')[1].strip()
    elif field.startswith('eventThread = '):
        name = re.search(r'"([^"]+)"', field)
        event['thread'] = re.sub(r'\d+', 'N', name.group(1)) if name else '?'
    elif 'frame' not in event and field.startswith('io.pledge.'):
        event['frame'] = re.sub(r'\(.*', '', field).split(' ')[0]
count(event)

print('| thread | reads from PostgreSQL | wall ms |\n|---|---|---|')
for thread, (reads, ms) in sorted(by_thread.items(), key=lambda kv: -kv[1][1]):
    print(f'| {thread} | {reads} | {ms:.0f} |')
print('\n| thread | first io.pledge frame | reads | wall ms |\n|---|---|---|---|')
for (thread, frame), (reads, ms) in sorted(by_frame.items(), key=lambda kv: -kv[1][1])[:20]:
    print(f'| {thread} | {frame} | {reads} | {ms:.0f} |')
