package fr.hygie.journal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Merkle tree hash of the chain heads, in the shape of RFC 6962 (Certificate Transparency) so that
 * standard tools and proofs apply: leaf = SHA-256(0x00 ‖ chain ‖ seq ‖ hash) with the v1 field encoding
 * of {@link Hashing}, node = SHA-256(0x01 ‖ left ‖ right), the left subtree holding the largest power of
 * two of leaves smaller than the total; empty tree = SHA-256 of nothing. Leaves come sorted by the
 * chain's UTF-8 bytes (the database's {@code COLLATE "C"} order).
 *
 * <p>Built streaming with a stack of complete subtrees: memory grows with log(number of chains), not
 * with the number of chains (millions of patients).
 */
final class MerkleTree {

    private record Subtree(int height, byte[] hash) {
    }

    private final Deque<Subtree> stack = new ArrayDeque<>();
    private long leaves;

    static byte[] leafHash(String chain, long seq, byte[] hash) {
        return Hashing.sha256(new byte[] {0}, new Hashing.Encoder().string(chain).number(seq).bytes(hash).toByteArray());
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        return Hashing.sha256(new byte[] {1}, left, right);
    }

    void add(String chain, long seq, byte[] hash) {
        Subtree node = new Subtree(0, leafHash(chain, seq, hash));
        while (!stack.isEmpty() && stack.peek().height() == node.height()) {
            Subtree left = stack.pop();
            node = new Subtree(node.height() + 1, nodeHash(left.hash(), node.hash()));
        }
        stack.push(node);
        leaves++;
    }

    long leaves() {
        return leaves;
    }

    /** The root; the tree can go on growing afterwards. */
    byte[] root() {
        if (stack.isEmpty()) {
            return Hashing.sha256();
        }
        var it = stack.iterator(); // top (rightmost, smallest) first
        byte[] acc = it.next().hash();
        while (it.hasNext()) {
            acc = nodeHash(it.next().hash(), acc);
        }
        return acc;
    }
}
