import { redirect } from "next/navigation";
import { LogoutButton } from "@/components/logout-button";
import { currentUser } from "@/lib/auth";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  return (
    <div className="chat">
      <header className="chat-header">
        <h1>{user.name}</h1>
        <LogoutButton />
      </header>
      {children}
    </div>
  );
}
