import { z } from "zod";

// A reaction is one emoji: one grapheme (a flag, a skin tone or a ZWJ family still counts as one)
// that is pictographic, so reactions cannot carry words or invisible characters.
export const MAX_EMOJI_UNITS = 32;
/** Distinct emoji one message may carry; a new one past it is refused `invalid`. */
export const MAX_REACTIONS_PER_MESSAGE = 20;

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const forbidden = /[\s\p{Cc}]/u;

function isOneEmoji(value: string): boolean {
  const graphemes = [...segmenter.segment(value)];
  return graphemes.length === 1 && pictographic.test(value) && !forbidden.test(value);
}

export const emojiSchema = z
  .string()
  .min(1, "emoji is empty")
  .max(MAX_EMOJI_UNITS, "emoji is too long")
  .refine((s) => s.isWellFormed(), "emoji is not well-formed Unicode")
  .refine(isOneEmoji, "emoji must be a single emoji");
