// A user whose display name is HTML: e2e/start-server.ts adds them with the real admin command,
// e2e/security.spec.ts checks the name is only ever shown as text.
export const HTML_USER = {
  username: "marko",
  password: "marko-password",
  name: `<img src=x onerror=alert("name")> Marko`,
};
