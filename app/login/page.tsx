import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { currentUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentUser()) redirect("/chat");
  return (
    <div className="login-page">
      <main className="login">
        <h1>Sign in to Chat</h1>
        <p className="login-lead">Your team&apos;s rooms and conversations, live.</p>
        <LoginForm />
      </main>
    </div>
  );
}
