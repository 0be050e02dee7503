// What the sign-in form shows for the `error` NextAuth's credentials callback answers: a wrong password is
// "CredentialsSignin"; a throttled attempt carries the server's own sentence (lib/login).
const WRONG = "Wrong username or password.";
const THROTTLED = /^Too many attempts, try again in \d+ s$/;

export function loginErrorMessage(error: string | undefined): string {
  if (error === "CredentialsSignin") return WRONG;
  if (error && THROTTLED.test(error)) return `${error}.`;
  return "Could not sign in. Try again.";
}
