// The words of the owner's task page, in English and Bulgarian. One shape for both languages:
// a word missing from one of them does not compile. What the workflow wrote (the task's title and
// detail, the timeline) stays as written.
import type { InvoiceStatus, Stage } from '../../domain/types';
import type { Locale } from '../../emails/context';

/** The task kinds the page knows by name; any other shows as a plain "task". */
export type TaskKind =
  | 'owner_task' | 'collections_review' | 'client_question' | 'dispute' | 'promise_broken' | 'promise_limit'
  | 'payment_failed' | 'instalment_missed' | 'record_failed' | 'email_rejected' | 'email_undeliverable';

/** The outcomes and decisions, as the API names them (api/schemas.ts). */
type Outcome = 'promise' | 'pause' | 'resume' | 'note';
type Decision = 'write_off' | 'extend' | 'agency';

export interface OwnerWords {
  title: string;
  kinds: Record<TaskKind, string> & { other: string };
  statuses: Record<InvoiceStatus, string>;
  stages: Record<Stage, string>;
  invoice: string; client: string; phone: string; noPhone: string; amountDue: string; total: string; dueDate: string; issued: string; stage: string;
  whatHappened: string; history: string; noHistory: string; writeToClient: string;
  decideHeading: string; outcomeLegend: string; outcomes: Record<Outcome, string>; outcomeHelp: Record<Outcome, string>;
  promiseDate: string; note: string; answer: string; answerHelp: string; record: string;
  decisions: Record<Decision, string>; decisionHelp: Record<Decision, string>; reason: string; reasonOptional: string; newDueDate: string; agency: string;
  done: string; doneAt: string; recorded: string; failed: string; fields: Record<'promiseDate' | 'note' | 'reason' | 'newDueDate' | 'agency' | 'outcome' | 'decision', string>;
  expiredTitle: string; expired: string; invalidTitle: string; invalid: string; language: string;
}

const en: OwnerWords = {
  title: 'Your task',
  kinds: {
    owner_task: 'Personal check-in', collections_review: 'Collections review', client_question: 'Your client asked a question', dispute: 'A payment is disputed',
    promise_broken: 'A promise to pay was not kept', promise_limit: 'Agree a payment date', payment_failed: 'A payment failed', instalment_missed: 'An instalment was missed',
    record_failed: 'A record could not be written', email_rejected: 'An email could not be sent', email_undeliverable: 'An email did not arrive', other: 'Task',
  },
  statuses: { draft: 'Draft', open: 'Open', paid: 'Paid', uncollectible: 'Written off', void: 'Cancelled' },
  stages: {
    issued: 'Issued', heads_up: 'Heads-up sent', due: 'Due', overdue: 'Overdue', check_in: 'Check-in', paused: 'Reminders paused', promised: 'Promised to pay',
    final_notice: 'Final notice sent', collections_review: 'Waiting for your decision', extended: 'Due date extended', with_agency: 'With an agency', paid: 'Paid',
    void: 'Cancelled', written_off: 'Written off',
  },
  invoice: 'Invoice', client: 'Client', phone: 'Phone', noPhone: 'No phone number on file', amountDue: 'Amount due', total: 'Total', dueDate: 'Due date', issued: 'Issued', stage: 'Where it stands',
  whatHappened: 'What happened', history: 'History', noHistory: 'Nothing yet.', writeToClient: 'Write to the client',
  decideHeading: 'Your decision', outcomeLegend: 'What came of it?',
  outcomes: { promise: 'They promised to pay on a date', pause: 'Pause the reminders', resume: 'Answered: resume the reminders', note: 'Just a note: reminders go on' },
  outcomeHelp: {
    promise: 'Reminders wait until that date.', pause: 'Reminders stop until you resume them (say why in the note).',
    resume: 'Reminders pick up where they stopped, with their spacing kept.', note: 'Kept with the task; nothing else changes.',
  },
  promiseDate: 'Promised date', note: 'Note', answer: 'Your answer', answerHelp: 'Kept in the invoice\'s history. Dunwell does not send it: write to the client yourself.', record: 'Record',
  decisions: { write_off: 'Write it off', extend: 'Extend the due date', agency: 'Hand it to an agency' },
  decisionHelp: {
    write_off: 'The invoice closes as uncollectible; no more reminders.', extend: 'The reminders start again from the new date.',
    agency: 'Reminders stay stopped; payments through the agency still count. Dunwell contacts no one itself.',
  },
  reason: 'Reason', reasonOptional: 'Reason (optional)', newDueDate: 'New due date', agency: 'Agency',
  done: 'Done', doneAt: 'on', recorded: 'Thank you: recorded.', failed: 'That did not work:',
  fields: { promiseDate: 'Promised date', note: 'Note', reason: 'Reason', newDueDate: 'New due date', agency: 'Agency', outcome: 'Outcome', decision: 'Decision' },
  expiredTitle: 'This link has expired', expired: 'Task links work for a limited time. GET /v1/tasks lists your open tasks, each with a fresh link.',
  invalidTitle: 'This link is not valid', invalid: 'Please open the link from your email again, or list your tasks with GET /v1/tasks.', language: 'Български',
};

const bg: OwnerWords = {
  title: 'Вашата задача',
  kinds: {
    owner_task: 'Лично обаждане', collections_review: 'Решение за събиране', client_question: 'Клиентът ви зададе въпрос', dispute: 'Оспорено плащане',
    promise_broken: 'Обещанието за плащане не беше спазено', promise_limit: 'Уговорете дата за плащане', payment_failed: 'Неуспешно плащане', instalment_missed: 'Пропусната вноска',
    record_failed: 'Запис не можа да бъде съхранен', email_rejected: 'Имейл не можа да бъде изпратен', email_undeliverable: 'Имейл не беше доставен', other: 'Задача',
  },
  statuses: { draft: 'Чернова', open: 'Отворена', paid: 'Платена', uncollectible: 'Отписана', void: 'Анулирана' },
  stages: {
    issued: 'Издадена', heads_up: 'Изпратено напомняне', due: 'С настъпил падеж', overdue: 'Просрочена', check_in: 'Лично обаждане', paused: 'Напомнянията са спрени',
    promised: 'Обещано плащане', final_notice: 'Изпратено последно напомняне', collections_review: 'Очаква вашето решение', extended: 'Удължен падеж',
    with_agency: 'При агенция', paid: 'Платена', void: 'Анулирана', written_off: 'Отписана',
  },
  invoice: 'Фактура', client: 'Клиент', phone: 'Телефон', noPhone: 'Няма телефонен номер', amountDue: 'Дължима сума', total: 'Общо', dueDate: 'Падеж', issued: 'Издадена', stage: 'Състояние',
  whatHappened: 'Какво се случи', history: 'История', noHistory: 'Още нищо.', writeToClient: 'Пишете на клиента',
  decideHeading: 'Вашето решение', outcomeLegend: 'Какъв е резултатът?',
  outcomes: { promise: 'Обещаха да платят на дата', pause: 'Спрете напомнянията', resume: 'Отговорено: продължете напомнянията', note: 'Само бележка: напомнянията продължават' },
  outcomeHelp: {
    promise: 'Напомнянията изчакват до тази дата.', pause: 'Напомнянията спират, докато не ги продължите (напишете защо в бележката).',
    resume: 'Напомнянията продължават оттам, докъдето са стигнали, през същите интервали.', note: 'Пази се при задачата; нищо друго не се променя.',
  },
  promiseDate: 'Обещана дата', note: 'Бележка', answer: 'Вашият отговор', answerHelp: 'Пази се в историята на фактурата. Dunwell не го изпраща: пишете на клиента сами.', record: 'Запиши',
  decisions: { write_off: 'Отпишете я', extend: 'Удължете падежа', agency: 'Предайте я на агенция' },
  decisionHelp: {
    write_off: 'Фактурата се приключва като несъбираема; без повече напомняния.', extend: 'Напомнянията започват отново от новата дата.',
    agency: 'Напомнянията остават спрени; плащанията чрез агенцията се отчитат. Dunwell не се свързва с никого сам.',
  },
  reason: 'Причина', reasonOptional: 'Причина (по желание)', newDueDate: 'Нов падеж', agency: 'Агенция',
  done: 'Изпълнена', doneAt: 'на', recorded: 'Благодарим: записано.', failed: 'Не се получи:',
  fields: { promiseDate: 'Обещана дата', note: 'Бележка', reason: 'Причина', newDueDate: 'Нов падеж', agency: 'Агенция', outcome: 'Резултат', decision: 'Решение' },
  expiredTitle: 'Тази връзка е изтекла', expired: 'Връзките към задачи важат ограничено време. GET /v1/tasks показва отворените ви задачи, всяка с нова връзка.',
  invalidTitle: 'Тази връзка не е валидна', invalid: 'Моля, отворете отново връзката от имейла си или вижте задачите си с GET /v1/tasks.', language: 'English',
};

export const OWNER_TEXT: Record<Locale, OwnerWords> = { en, bg };

export const kindName = (t: OwnerWords, kind: string) => (t.kinds as Record<string, string>)[kind] ?? t.kinds.other;
