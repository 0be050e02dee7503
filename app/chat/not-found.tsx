import Link from "next/link";

// Shown inside the chat layout, so the sidebar stays: unknown rooms and private rooms the user
// is not in look exactly the same.
export default function RoomNotFound() {
  return (
    <section className="room not-found">
      <h2 className="room-name">Room not found</h2>
      <p>This room could not be found, or you are not a member of it.</p>
      <p>
        <Link href="/chat">Back to the lobby</Link>
      </p>
    </section>
  );
}
