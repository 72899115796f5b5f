// The words of the client's page, in English and Bulgarian.
import type { Locale } from '../../emails/context';

export const PAGE_TEXT: Record<Locale, Record<string, string>> = {
  en: {
    status_open: 'Awaiting payment', status_paid: 'Paid, thank you!', status_void: 'Cancelled', status_uncollectible: 'Closed', status_draft: 'Draft',
    from: 'From', payHeading: 'Ways to pay', copy: 'Copy', cardPay: 'Pay by card', scan: 'Scan with your banking app', cryptoAmount: 'Send exactly',
    questionHeading: 'I have a question', questionHelp: 'Tell us what is unclear. Reminders pause while we answer.', yourMessage: 'Your message', send: 'Send',
    promiseHeading: 'I will pay on…', promiseHelp: 'Choose the date; we will not remind you before then.', date: 'Date', confirm: 'Confirm the date',
    download: 'Download PDF', eInvoice: 'E-invoice for your accounting software', creditNotes: 'Credit notes', sentQuestion: 'Thank you. Your message has reached us, and reminders are paused while we answer.',
    sentPromise: 'Thank you. We have noted the date.', promiseToOwner: 'Thank you for telling us. We would like to agree this date with you in person: we have asked the person who sent the invoice to get in touch, or you can contact them directly.', failed: 'Sorry, that did not work:', note: 'A note from us',
    awaitingApproval: 'awaiting your approval', changeHeading: 'Extra work for your approval', why: 'Why', changeTotal: 'This change', newTotal: 'The invoice would then come to',
    yourName: 'Your full name', approve: 'Approve', decline: 'Decline', approvedBy: 'Approved by', declinedBy: 'Declined by', decisionNote: 'Typing your name and pressing a button is your written decision; we record the time.',
  },
  bg: {
    status_open: 'Очаква плащане', status_paid: 'Платена, благодарим ви!', status_void: 'Анулирана', status_uncollectible: 'Приключена', status_draft: 'Чернова',
    from: 'От', payHeading: 'Начини на плащане', copy: 'Копирай', cardPay: 'Плащане с карта', scan: 'Сканирайте с банковото си приложение', cryptoAmount: 'Изпратете точно',
    questionHeading: 'Имам въпрос', questionHelp: 'Кажете ни какво не е ясно. Напомнянията спират, докато отговорим.', yourMessage: 'Вашето съобщение', send: 'Изпрати',
    promiseHeading: 'Ще платя на…', promiseHelp: 'Изберете дата; няма да ви напомняме преди нея.', date: 'Дата', confirm: 'Потвърди датата',
    download: 'Изтегли PDF', eInvoice: 'Електронна фактура за счетоводния ви софтуер', creditNotes: 'Кредитни известия', sentQuestion: 'Благодарим ви. Съобщението ви е получено и напомнянията са спрени, докато отговорим.',
    sentPromise: 'Благодарим ви. Отбелязахме датата.', promiseToOwner: 'Благодарим ви, че ни казахте. Бихме искали да уговорим тази дата лично: помолихме изпратилия фактурата да се свърже с вас, а можете и вие да се обърнете директно към него.', failed: 'За съжаление не се получи:', note: 'Бележка от нас',
    awaitingApproval: 'очаква вашето одобрение', changeHeading: 'Допълнителна работа за одобрение', why: 'Защо', changeTotal: 'Тази промяна', newTotal: 'С нея фактурата става',
    yourName: 'Вашето пълно име', approve: 'Одобрявам', decline: 'Отказвам', approvedBy: 'Одобрено от', declinedBy: 'Отказано от', decisionNote: 'Изписването на името ви и натискането на бутон е вашето писмено решение; записваме часа.',
  },
};
