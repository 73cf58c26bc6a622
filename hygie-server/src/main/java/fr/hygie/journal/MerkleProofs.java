package fr.hygie.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Merkle inclusion proofs over the leaves of one checkpoint, for the tree {@link MerkleTree} hashes (RFC 6962
 * shape). Built level by level: each level pairs its nodes left to right and carries a last unpaired node up
 * unchanged, which gives the RFC 6962 root (the left subtree always holds the largest power of two of leaves).
 * A proof lists, from the leaf up, the sibling of each node with its side: {@code "L:<hex>"} when the sibling is
 * on the left, {@code "R:<hex>"} on the right; a carried node adds no step.
 *
 * <p>Memory: the whole tree, 64 bytes per chain (a platform of a million persons: 64 MB for the export's time).
 */
final class MerkleProofs {

    private static final int H = Hashing.HASH_BYTES;

    private final List<byte[]> levels = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    /** @param leaves the leaf hashes, {@code count} × 32 bytes, in tree order */
    MerkleProofs(byte[] leaves, int count) {
        byte[] level = leaves;
        int size = count;
        levels.add(level);
        sizes.add(size);
        while (size > 1) {
            int next = (size + 1) / 2;
            byte[] up = new byte[next * H];
            for (int j = 0; j < size / 2; j++) {
                System.arraycopy(MerkleTree.nodeHash(node(level, 2 * j), node(level, 2 * j + 1)), 0, up, j * H, H);
            }
            if (size % 2 == 1) {
                System.arraycopy(level, (size - 1) * H, up, (next - 1) * H, H);
            }
            level = up;
            size = next;
            levels.add(level);
            sizes.add(size);
        }
    }

    byte[] root() {
        return sizes.get(0) == 0 ? Hashing.sha256() : node(levels.get(levels.size() - 1), 0);
    }

    List<String> proof(int index) {
        List<String> steps = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[] level = levels.get(l);
            if (i % 2 == 1) {
                steps.add("L:" + Hashing.hex(node(level, i - 1)));
            } else if (i + 1 < sizes.get(l)) {
                steps.add("R:" + Hashing.hex(node(level, i + 1)));
            }
            i /= 2;
        }
        return steps;
    }

    /** The root a proof leads to from a leaf; throws {@link IllegalArgumentException} for a malformed step. */
    static byte[] fold(byte[] leaf, List<String> proof) {
        byte[] acc = leaf;
        for (String step : proof) {
            if (step == null || step.length() != 2 + 2 * H || step.charAt(1) != ':') {
                throw new IllegalArgumentException("malformed proof step");
            }
            byte[] sibling = HexFormat.of().parseHex(step.substring(2));
            switch (step.charAt(0)) {
                case 'L' -> acc = MerkleTree.nodeHash(sibling, acc);
                case 'R' -> acc = MerkleTree.nodeHash(acc, sibling);
                default -> throw new IllegalArgumentException("malformed proof step");
            }
        }
        return acc;
    }

    private static byte[] node(byte[] level, int i) {
        return Arrays.copyOfRange(level, i * H, (i + 1) * H);
    }
}
