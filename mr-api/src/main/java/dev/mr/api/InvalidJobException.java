package dev.mr.api;

/**
 * The job cannot run as defined: a class is missing or unusable, an input does not exist,
 * the output already exists, a setting is malformed. The message names what is wrong and,
 * where there is one, what to do. Raised before anything is written.
 */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String message) {
        super(message);
    }

    public InvalidJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
