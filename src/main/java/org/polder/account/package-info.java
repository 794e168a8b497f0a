/**
 * Accounts, roles, organisations, login and API tokens; and the security rules that make every
 * page and endpoint check who is asking.
 */
package org.polder.account;
