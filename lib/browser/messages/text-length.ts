import { MAX_TEXT_CHARS } from "@/lib/shared/protocol/limits";

/**
 * Characters as the server counts them: code points of the trimmed text. A textarea's maxLength
 * counts UTF-16 units instead, which would stop an emoji-rich message at half the real limit.
 */
export function characterCount(text: string): number {
  return [...text.trim()].length;
}

export const isTooLong = (text: string) => characterCount(text) > MAX_TEXT_CHARS;
