package io.pledge.contracts.ticket;

/** What the contact is about (咨询, 投诉, 建议, 故障, 培训). */
public enum Category {
    INQUIRY, COMPLAINT, SUGGESTION, FAULT, TRAINING, OTHER
}
