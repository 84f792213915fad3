"""search index tasks

Revision ID: 3f9a1c2b7d10
Revises: 3c5e7a9b1d2f
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f9a1c2b7d10'
down_revision = '3c5e7a9b1d2f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('index_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_index_tasks'))
    )
    with op.batch_alter_table('index_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_index_tasks_page_id'), ['page_id'], unique=False)


def downgrade():
    with op.batch_alter_table('index_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_index_tasks_page_id'))

    op.drop_table('index_tasks')
