// The statement's PDF, drawn fresh each time: it says "as of today", so there is no version to keep.
import { statementDocument } from '../documents/statement-document';
import { renderStatementPdf } from '../documents/statement-pdf';
import type { Statement } from './statement';

export function statementPdf(statement: Statement): Promise<Buffer> {
  return renderStatementPdf(statementDocument(statement));
}
