// Consultation papers: the offices attach library resources that the whole network may read (the proposals, an
// impact assessment), and every reader of the consultation sees them. An upload is added to the library first.
// Resources are read through the library's service, as the reader may see them; one gone is left out.
#pragma once

#include "consultations/paper_store.hpp"
#include "consultations/service.hpp"
#include "library/service.hpp"

namespace pswnet::consultations {

inline constexpr std::size_t max_papers = 10;

using library::paper;

class papers {
public:
    papers(service& consultations, paper_store& store, library::service& library)
        : consultations_(consultations), store_(store), library_(library)
    {
    }

    // The papers of a consultation the caller may see (404 otherwise), in order.
    awaitable<std::vector<paper>> of(const principal& who, std::int64_t consultation_id);
    // Replaces the papers (the offices only); each must be a library resource the whole network may read.
    awaitable<std::vector<paper>> attach(const principal& who, std::int64_t consultation_id,
                                         std::vector<std::int64_t> resource_ids, audit_context audit);

private:
    service& consultations_;
    paper_store& store_;
    library::service& library_;
};

} // namespace pswnet::consultations
