/**
 * Workers' collective voice (RIGHTS.md R11): consultations that must stay open for comments before a
 * rule parameter changes, elected representatives who see aggregate figures, and workers' ratings of
 * requesters.
 */
package org.polder.voice;
