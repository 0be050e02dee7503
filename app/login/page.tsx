import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { currentUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentUser()) redirect("/chat");
  return (
    <main className="login">
      <h1>Sign in to Chat</h1>
      <LoginForm />
    </main>
  );
}
