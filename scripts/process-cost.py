#!/usr/bin/env python3
"""What a process costs when it serves nothing: CPU to its first fib(30) answer, CPU in the idle
seconds after, RSS, and which threads wake while idle (Linux /proc; no extra tools).

  scripts/process-cost.py PORT [--idle 30] [--threads] -- COMMAND...

Starts COMMAND (which must serve the line protocol on 127.0.0.1:PORT), asks fib(30) until it is
answered, then measures IDLE seconds of nothing and stops it (SIGTERM, by its PID)."""
import argparse, os, socket, subprocess, sys, time

HZ = os.sysconf('SC_CLK_TCK')


def cpu_seconds(pid, task=None):
    path = f'/proc/{pid}/task/{task}/stat' if task else f'/proc/{pid}/stat'
    fields = open(path).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def threads(pid):
    result = {}
    for task in os.listdir(f'/proc/{pid}/task'):
        try:
            status = dict(line.split(':\t', 1) for line in open(f'/proc/{pid}/task/{task}/status') if ':\t' in line)
            wakes = int(status['voluntary_ctxt_switches']) + int(status['nonvoluntary_ctxt_switches'])
            result[task] = (status['Name'].strip(), wakes, cpu_seconds(pid, task))
        except (OSError, KeyError):
            pass  # the thread ended
    return result


def rss_mb(pid):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('VmRSS'):
            return int(line.split()[1]) / 1024
    return 0.0


def answered(port):
    try:
        with socket.create_connection(('127.0.0.1', port), timeout=0.5) as s:
            s.sendall(b'30\n')
            return s.makefile().readline().strip() == '832040'
    except OSError:
        return False


def main():
    args = sys.argv[1:]
    if '--' not in args:
        sys.exit(__doc__)
    split = args.index('--')
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument('port', type=int)
    parser.add_argument('--idle', type=float, default=30)
    parser.add_argument('--threads', action='store_true', help='list the threads that woke while idle')
    options = parser.parse_args(args[:split])
    started = time.monotonic()
    process = subprocess.Popen(args[split + 1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not answered(options.port):
            if process.poll() is not None or time.monotonic() - started > 60:
                sys.exit('the process did not answer fib(30) within 60 s')
            time.sleep(0.05)
        first, first_cpu = time.monotonic() - started, cpu_seconds(process.pid)
        before = threads(process.pid)
        time.sleep(options.idle)
        idle_cpu, after = cpu_seconds(process.pid) - first_cpu, threads(process.pid)
        print(f'first fib(30): {first:.2f} s, {first_cpu:.2f} CPU-s; next {options.idle:.0f} s idle: '
              f'{idle_cpu:.2f} CPU-s ({100 * idle_cpu / options.idle:.2f} % of a core); RSS {rss_mb(process.pid):.0f} MB')
        if options.threads:
            rows = sorted(((wakes - before.get(t, (name, 0, 0))[1], cpu - before.get(t, (name, 0, 0))[2], name)
                           for t, (name, wakes, cpu) in after.items()), reverse=True)
            for wakes, cpu, name in rows[:12]:
                print(f'  {name:<16} {wakes / options.idle:7.1f} wakes/s {cpu:6.2f} CPU-s')
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == '__main__':
    main()
