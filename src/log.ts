// Structured logs for operators. They go to stderr so they never garble the terminal chat on stdout.
// Callers keep message text (citizens' questions, staff replies) out of info and above: log ids,
// outcomes and counts there, and text only at debug.
import pino, { type DestinationStream } from "pino";
import type { LogLevel } from "./config.ts";
import type { Logger } from "./core/ports.ts";

/**
 * A pino logger at `level`. Default destination: stderr — JSON lines for log collectors, or short
 * readable lines when stderr is a terminal (someone is running the terminal chat).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger & { flush(): void } {
  const target = destination ?? (process.stderr.isTTY ? readableLines(process.stderr) : pino.destination({ fd: 2, sync: true }));
  const logger = pino({ level, base: { name: "onerun" } }, target);
  return {
    debug: (obj, msg) => logger.debug(obj, msg),
    info: (obj, msg) => logger.info(obj, msg),
    warn: (obj, msg) => logger.warn(obj, msg),
    error: (obj, msg) => logger.error(obj, msg),
    flush: () => logger.flush(),
  };
}

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** "14:02:11 warn  knowledge edit refused  file=procedures/x.json" instead of a JSON line. */
export function readableLines(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { level, time, msg, name: _name, pid: _pid, hostname: _host, err, ...rest } = entry;
      const clock = new Date(Number(time)).toTimeString().slice(0, 8);
      const extras = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
      const error = err && typeof err === "object" && "message" in err ? [`error: ${String(err.message)}`] : [];
      const label = (LEVEL_NAMES[Number(level)] ?? "log").padEnd(5);
      out.write(`${clock} ${label} ${[msg ?? "", ...extras, ...error].join("  ")}\n`);
    },
  };
}
