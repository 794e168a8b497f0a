/**
 * Oversight of decisions about workers: a record of every decision that affects a worker, automated
 * or taken by a person, with the rule and its version, the inputs, the effect and a plain-language
 * reason the worker reads (RIGHTS.md R3-R5).
 */
package org.polder.oversight;
