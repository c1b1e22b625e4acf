package org.groupsparse.regression;

/**
 * What a trainer returns: the immutable model and the record of the run.
 *
 * @param model the fitted model
 * @param history the record of the run
 * @param <M> the model type
 */
public record FitResult<M>(M model, TrainingHistory history) {}
