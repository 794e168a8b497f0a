/**
 * Microtasks, as requesters know them from Mechanical Turk and Toloka: templates, batches made from a
 * CSV file, claiming the next task, answers checked against the template, review and automatic
 * approval, and results.
 */
package org.polder.microtask;
