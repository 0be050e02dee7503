import { z } from "zod";

// In a browser, zod 4 probes `new Function` to decide whether to compile its object parsers; the
// page's CSP forbids eval, and Chrome reports the probe as a violation even though zod catches it.
// The client's payloads are small: parse them without compiling. Imported first by every module
// that builds object schemas the browser loads. Servers keep the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
