// Two production nodes on one fresh PostgreSQL database and Redis, behind nginx configured with
// deploy/nginx-chat.conf (its ports rewritten): what docs/deployment.md describes, on one machine.
// Playwright's cluster config (playwright.cluster.config.ts) runs this script as its web server.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { freshPostgres, TEST_SECRET } from "../test/helpers/template-db";

const port = Number(process.env.E2E_CLUSTER_PORT ?? 3220);
const nodePorts = [port + 1, port + 2];
const url = `http://localhost:${port}`;
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `chat-e2e-${process.pid}:`;
const dir = mkdtempSync(path.join(tmpdir(), "chat-cluster-"));
const children: ChildProcess[] = [];

function nginxConfig(): string {
  const site = readFileSync(path.join("deploy", "nginx-chat.conf"), "utf8")
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/server_name [^;]+;/, "server_name localhost;")
    .replaceAll("127.0.0.1:3001", `127.0.0.1:${nodePorts[0]}`)
    .replaceAll("127.0.0.1:3002", `127.0.0.1:${nodePorts[1]}`);
  writeFileSync(path.join(dir, "chat.conf"), site);
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/chat.conf;
}
`;
}

async function cleanUp(): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  await database.drop().catch(() => undefined);
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) await redis.del(keys);
  await redis.close();
  rmSync(dir, { recursive: true, force: true });
}

const database = await freshPostgres();
for (const nodePort of nodePorts) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(nodePort),
    HOST: "127.0.0.1",
    DATA_DIR: dir,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    // WebSocket only: round robin needs no sticky sessions (deploy/nginx-chat.conf).
    SOCKET_TRANSPORTS: "websocket",
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: TEST_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Every test signs in from 127.0.0.1, many times a minute; the tests of that limit set their own.
    LOGIN_ATTEMPTS_PER_MINUTE: "100000",
  };
  children.push(spawn(process.execPath, ["--import", "tsx", "server.ts"], { stdio: "inherit", env }));
}
writeFileSync(path.join(dir, "nginx.conf"), nginxConfig());
children.push(spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" }));

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await cleanUp();
  process.exit(code);
}
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(0));
for (const child of children) child.on("exit", (code) => !stopping && void stop(code ?? 1));
// A program that cannot start (nginx not installed) ends the run at once, not at Playwright's timeout.
for (const child of children) {
  child.on("error", (error) => {
    console.error(`start-cluster: ${error.message}`);
    void stop(1);
  });
}
