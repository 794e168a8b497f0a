/**
 * Services in private homes, as households know them from Helpling: a household books cleaning, care help, odd
 * jobs or moving help, once or every week with the same worker; workers say which services they offer, where and
 * when, and read the household's record before they accept; the address is theirs only once they have. A visit is
 * one task of kind HOME on the shared task and assignment tables, so it moves through the same lifecycle, trail,
 * ledger and decisions as every other kind. Someone alone in a stranger's home checks in at the address, has an
 * alarm that reaches their own contact and a moderator, and is asked after every visit whether all was well. The
 * household's statement follows the household services rule: hours, pay and holiday pay, no VAT.
 */
package org.polder.home;
