//! The sequentialisation of the parallel moves that implement block parameters: on an
//! edge, every argument goes into its parameter's register at once, which a sequence of
//! ordinary moves reproduces, through a scratch register where the moves form a cycle.

/// Orders the parallel moves `(dst, src)` (distinct destinations) into a sequence of
/// ordinary moves with the same effect, breaking cycles through `scratch`.
pub fn sequentialize_moves(moves: &[(u32, u32)], scratch: u32) -> Vec<(u32, u32)> {
    let mut pending: Vec<(u32, u32)> = moves.iter().copied().filter(|(d, s)| d != s).collect();
    let mut out = Vec::new();
    while !pending.is_empty() {
        // A move whose destination no other pending move still reads can go now.
        let ready = (0..pending.len()).find(|&i| {
            let dst = pending[i].0;
            pending
                .iter()
                .enumerate()
                .all(|(j, &(_, src))| j == i || src != dst)
        });
        match ready {
            Some(i) => {
                let (dst, src) = pending.remove(i);
                if dst != src {
                    out.push((dst, src));
                }
            }
            None => {
                // Every destination is still read: the rest are cycles. Save one
                // destination in the scratch register and redirect its readers.
                let saved = pending[0].0;
                out.push((scratch, saved));
                for mv in &mut pending {
                    if mv.1 == saved {
                        mv.1 = scratch;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `seq` on a register file where register `r` starts holding `r`.
    fn simulate(seq: &[(u32, u32)], size: usize) -> Vec<u32> {
        let mut regs: Vec<u32> = (0..size as u32).collect();
        for &(d, s) in seq {
            regs[d as usize] = regs[s as usize];
        }
        regs
    }

    fn check(moves: &[(u32, u32)]) -> Vec<(u32, u32)> {
        let scratch = 20;
        let seq = sequentialize_moves(moves, scratch);
        let after = simulate(&seq, 21);
        for &(d, s) in moves {
            assert_eq!(after[d as usize], s, "moves {moves:?} sequence {seq:?}");
        }
        seq
    }

    #[test]
    fn parallel_moves_without_cycles() {
        assert_eq!(check(&[(1, 2), (2, 3)]), vec![(1, 2), (2, 3)]);
        assert_eq!(check(&[(2, 3), (1, 2)]), vec![(1, 2), (2, 3)]);
        assert_eq!(check(&[(4, 4)]), vec![]);
        check(&[(1, 0), (2, 0), (3, 0)]);
    }

    #[test]
    fn parallel_moves_with_cycles() {
        let swap = check(&[(1, 2), (2, 1)]);
        assert_eq!(swap.len(), 3);
        check(&[(1, 2), (2, 3), (3, 1)]);
        check(&[(1, 2), (2, 1), (3, 4), (4, 3), (5, 1)]);
        check(&[(0, 1), (1, 2), (2, 0), (6, 2), (7, 0)]);
    }

    #[test]
    fn exhaustive_small_permutations() {
        // Every mapping of 4 destinations to sources among 5 registers.
        for code in 0..5u32.pow(4) {
            let moves: Vec<(u32, u32)> = (0..4).map(|d| (d, code / 5u32.pow(d) % 5)).collect();
            check(&moves);
        }
    }
}
