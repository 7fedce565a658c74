// Linux signals that make sense for STOPSIGNAL, with the reason a program would want each.
import type { SignalFact } from './types';

export const SIGNALS: readonly SignalFact[] = [
  {
    name: 'SIGTERM',
    number: 15,
    isDefault: true,
    doc: 'The polite request to terminate. Most servers and runtimes finish their work and exit on it; keep it unless your program documents another signal.',
  },
  {
    name: 'SIGINT',
    number: 2,
    doc: 'The Ctrl+C interrupt. Pick it for programs that shut down cleanly only on an interrupt, such as PostgreSQL, whose fast shutdown it triggers.',
  },
  {
    name: 'SIGQUIT',
    number: 3,
    doc: 'Graceful shutdown for nginx and php-fpm, which finish open requests first (on `SIGTERM` they stop at once). Many other programs dump core on it.',
  },
  {
    name: 'SIGKILL',
    number: 9,
    doc: 'Ends the process immediately; it cannot be caught, so nothing is cleaned up or flushed. Docker sends it anyway once the stop timeout runs out.',
  },
  {
    name: 'SIGHUP',
    number: 1,
    doc: 'Hang-up. Daemons such as nginx and many others reload their configuration on it instead of exiting, so it is rarely right as a stop signal.',
  },
  {
    name: 'SIGUSR1',
    number: 10,
    doc: 'Meaning is up to the program (nginx reopens its log files, for example). Use it only if your program documents it as a shutdown signal.',
  },
  {
    name: 'SIGUSR2',
    number: 12,
    doc: 'Meaning is up to the program, often a reload or an upgrade without downtime. Use it only if your program documents it as a shutdown signal.',
  },
  {
    name: 'SIGWINCH',
    number: 28,
    doc: 'Normally "terminal window resized"; the Apache httpd image uses it for a graceful stop that lets open connections finish.',
  },
  {
    name: 'SIGSTOP',
    number: 19,
    doc: 'Freezes the process instead of ending it and cannot be caught. As a stop signal it only makes Docker wait for the timeout and then kill.',
  },
  {
    name: 'SIGCONT',
    number: 18,
    doc: 'Resumes a frozen process. It does not ask anything to exit, so it makes no sense as a stop signal.',
  },
  {
    name: 'SIGABRT',
    number: 6,
    doc: 'Abnormal termination, usually with a core dump. Useful only when you want a crash dump of the program on stop.',
  },
  {
    name: 'SIGPWR',
    number: 30,
    doc: 'Power failure. `lxc-stop` sends it to ask the init of a system container to shut down cleanly; pick it when your init honours it.',
  },
  {
    name: 'SIGRTMIN+3',
    number: 37,
    doc: 'Asks systemd to shut down the system cleanly. Use it when the container runs systemd as PID 1.',
  },
];
