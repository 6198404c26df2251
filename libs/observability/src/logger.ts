import pino, { type Logger as PinoLogger, type LoggerOptions } from 'pino';
import type { LogLevel } from '@onevisit/config';
import { currentContext } from './request-context.js';
import { maskPersonalData, maskText } from './personal-data.js';

/** Nest's levels onto pino's. */
const PINO_LEVEL: Record<LogLevel, string> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Options of the one pino logger of a process: JSON lines, the request id (and the job,
 * inside a job) on every line, personal data masked before anything is written. The same
 * options serve nestjs-pino: its loggers are this logger and its children.
 */
export function pinoOptions(level: LogLevel, name: string): LoggerOptions {
  return {
    name,
    level: PINO_LEVEL[level],
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Headers that carry credentials never reach a log line.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    // Inside a job: its request id, queue, name and id. Inside an HTTP request the request's
    // logger (pino-http's child, through nestjs-pino) carries the request id already.
    mixin: () => {
      const context = currentContext();
      return context?.queue !== undefined || context?.jobId !== undefined ? { ...context } : {};
    },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskPersonalData(object) as Record<string, unknown>,
    },
    hooks: {
      // The last word on every line: serializers (a child logger's bindings, errors) run
      // after `formatters.log`, so an ID number in a path or query would otherwise pass.
      streamWrite: (line) => maskText(line),
      // Messages are strings built by callers: mask identifiers inside them too.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskText(arg) : arg)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
}

/**
 * The process's pino logger, writing to stdout, or appending to the file named by
 * `LOG_FILE` when set: several processes (a test run, API and workers) can then share
 * one file that is checked afterwards, e.g. for personal data that slipped through.
 */
export function createPinoLogger(
  level: LogLevel,
  name: string,
  logFile: string | undefined = process.env.LOG_FILE,
): PinoLogger {
  if (!logFile) return pino(pinoOptions(level, name));
  // Synchronous appends: lines are on disk when the process exits, even abruptly.
  return pino(
    pinoOptions(level, name),
    pino.destination({ dest: logFile, append: true, mkdir: true, sync: true }),
  );
}
