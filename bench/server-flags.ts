// The Node flags of the production server (package.json's \`serve\` script, which \`npm start\` runs),
// so the benchmark measures the runtime users get. The baseline relay runs with the same flags:
// they tune the runtime, not the app.
import { readFileSync } from "node:fs";

function flagsOf(script: string): string[] {
  const words = script.split(/\s+/);
  const node = words.indexOf("node");
  const flags: string[] = [];
  for (const word of words.slice(node + 1)) {
    if (!word.startsWith("--") || word === "--import") break;
    flags.push(word);
  }
  return flags;
}

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
export const SERVER_NODE_FLAGS = flagsOf(scripts.serve ?? "");
