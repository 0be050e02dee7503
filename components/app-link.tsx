"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition, type AnchorHTMLAttributes, type MouseEvent } from "react";

type Click = (event: MouseEvent<HTMLAnchorElement>) => void;

/**
 * In-app navigation without next/link (2.8 KB of the chat's first load): the link stays a
 * plain `<a href>`, so Cmd/Ctrl/Shift-click and the middle button still open a tab or window; a
 * plain click navigates on the client. `pending` holds until the new page is on screen.
 */
export function useAppNavigation(href: string, onClick?: Click): { pending: boolean; navigate: Click } {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // As next/link does for the links on screen: the route is prefetched, so a click only waits
  // for what the page renders per request.
  useEffect(() => router.prefetch(href), [router, href]);
  const navigate: Click = (event) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    startTransition(() => router.push(href));
  };
  return { pending, navigate };
}

export function AppLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useAppNavigation(href, onClick);
  return <a {...rest} href={href} onClick={navigate} />;
}
