import type { ReplyCombiner, ReplyPart } from '../outbox/outbox-repository';
import type { Replies } from '../flows/content';
import { LANGUAGES, type Language } from '../config';

/**
 * One SMS for the replies waiting for one person: several receipts become one list of refs
 * (`report_receipts`, in the language of the latest), other replies follow in order, each text once.
 */
export function createReplyCombiner(replies: Replies): ReplyCombiner {
  return (parts: ReplyPart[]): string => {
    const receipts = parts.filter((p) => p.receiptRef);
    const lines: string[] = [];
    let receiptsPlaced = false;
    for (const part of parts) {
      if (part.receiptRef && receipts.length > 1) {
        if (receiptsPlaced) continue;
        receiptsPlaced = true;
        lines.push(receiptList(replies, receipts));
      } else if (!lines.includes(part.text)) {
        lines.push(part.text);
      }
    }
    return lines.join('\n');
  };
}

function receiptList(replies: Replies, receipts: ReplyPart[]): string {
  const latest = receipts.at(-1)!.language;
  const language: Language = (LANGUAGES as readonly string[]).includes(latest) ? (latest as Language) : 'en';
  return replies.report_receipts[language].replace('{refs}', receipts.map((p) => p.receiptRef).join(', '));
}
