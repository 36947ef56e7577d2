// Starts the app for browser tests on a fresh, empty DATA_DIR.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";

const dataDir = path.resolve(process.env.DATA_DIR || "tests/.tmp/e2e");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const child = spawn(process.execPath, ["scripts/start.mjs"], { stdio: "inherit", env: { ...process.env, DATA_DIR: dataDir } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
