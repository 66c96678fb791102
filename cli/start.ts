// `npm start`: the composition root. Reads the configuration, starts the bot, stops it cleanly on
// Ctrl+C / SIGTERM / quitting the terminal chat. With no .env: the terminal chat on ./knowledge, data in ./data.
import { ConfigError, defaultLogLevel, loadConfig, type Config } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { createApp } from "./app.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

const log = createLogger(defaultLogLevel(config, { interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) }));
const app = await createApp(config, { input: process.stdin, output: process.stdout, log }).catch((err: unknown) => {
  // Known start-up problems (data folder locked or corrupt, knowledge invalid, …) carry a code and say how to fix them.
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === "string" && typeof e.message === "string") fail(`onerun cannot start (${e.code}): ${e.message}`);
  throw err;
});

let exiting = false;
const shutdown = async (why: string) => {
  if (exiting) return;
  exiting = true;
  log.info({ why }, "stopping");
  const timer = setTimeout(() => fail("onerun did not stop within 10 seconds; exiting anyway."), 10_000);
  timer.unref();
  try {
    await app.stop();
  } catch (err) {
    log.error({ err }, "error while stopping");
    process.exitCode = 1;
  }
  process.exit();
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
void app.finished.then(() => shutdown("the terminal chat was closed"));
void app.failed.then((err) => {
  // Exit non-zero so a service manager restarts the bot and the failure shows up where admins look.
  process.stderr.write(`onerun is stopping: ${err.message}\n`);
  process.exitCode = 1;
  void shutdown("a channel stopped working");
});
