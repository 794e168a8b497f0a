/**
 * Notifications: what Polder tells a person about their work, so that nobody has to keep a page open. Other
 * modules publish a {@link org.polder.notify.Notice} as a Spring application event inside the transaction of
 * the change; it is written there (an outbox), shown in the person's notification centre and pushed live to
 * their open pages. Notices inform and never pressure: none asks anyone to hurry, and ignoring one is never
 * counted against anyone.
 */
package org.polder.notify;
