/**
 * Demo data for trying Polder out: an organisation with funds, a requester, workers, an admin and a
 * moderator, and a published batch of image-labelling tasks whose images ship with Polder.
 */
package org.polder.demo;
