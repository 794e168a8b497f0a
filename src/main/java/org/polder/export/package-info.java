/**
 * A worker's data, all of it, as one ZIP of JSON and CSV files, free and at any time (RIGHTS.md R6),
 * with the trail in a form anyone can verify offline.
 */
package org.polder.export;
