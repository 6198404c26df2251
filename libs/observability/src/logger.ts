import type { LoggerService } from '@nestjs/common';
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
 * inside a job) on every line, personal data masked before anything is written.
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
    mixin: () => {
      const context = currentContext();
      return context ? { ...context } : {};
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

/** Nest's logger interface over pino, so framework and application lines share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes `(message, context)` or `(message, stack, context)`: the last string is the context. */
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack =
      (level === 'error' || level === 'fatal') && rest.length > 1 && typeof rest[0] === 'string'
        ? rest[0]
        : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
